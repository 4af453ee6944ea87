/// Traditional → simplified for the most common characters (590 pairs, checked against OpenCC's
/// `t2s`), so a query typed in either form finds pages written in the other. Not a converter: one
/// character to one character, no phrases. The index is normalised with it, and the table ships in
/// the index so the browser normalises queries the same way.
public enum ChineseVariants {
    /// Pairs of characters, traditional then simplified.
    public static let pairs: String = [
        "與与專专業业東东絲丝兩两嚴严個个豐丰臨临為为麗丽舉举義义樂乐習习鄉乡書书買买亂乱爭争於于虧亏雲云亞亚產产親亲億亿僅仅從从倉仓儀仪們们價价眾众優优會会偉伟傳传傷伤",
        "倫伦體体餘余來来側侧債债傾倾員员離离職职話话術术談谈關关懷怀訓训練练務务導导組组長长經经議议問问題题說说對对時时間间這这後后現现實实際际進进過过還还沒没讓让給给",
        "應应該该當当處处記记錄录報报數数據据標标準准質质檢检評评績绩獎奖勵励資资發发晉晋調调崗岗輪轮換换帶带師师階阶試试轉转歸归屬属團团隊队氣气認认揚扬謝谢壓压狀状態态",
        "風风險险預预號号動动積积極极參参歡欢開开場场結结確确詢询聽听講讲請请讀读寫写計计劃划畫画單单電电腦脑網网絡络線线車车門门見见觀观規规視视覺觉覽览語语誤误課课諾诺",
        "證证識识設设許许論论詞词譯译護护負负責责貨货費费購购貴贵輕轻較较輸输辦办邊边達达運运遠远適适選选連连週周郵邮醫医釋释銷销鐘钟錢钱錯错閉闭閱阅陽阳隨随雙双雜杂難难",
        "靈灵順顺須须領领頭头頻频顧顾願愿類类顯显館馆馬马驗验鬆松麼么齊齐華华萬万範范節节簡简簽签紀纪約约級级紅红純纯紙纸細细終终統统絕绝維维綜综緊紧總总繼继續续聯联聲声",
        "興兴舊旧蘭兰補补裡里製制複复訂订訪访詳详誠诚誰谁諮咨謀谋變变財财貼贴賽赛趕赶趨趋跡迹軟软載载輔辅輩辈辭辞農农針针銀银鍵键閒闲陳陈陸陆隱隐雖虽靜静項项頁页額额飛飞",
        "養养驚惊髮发鬧闹魚鱼鳥鸟點点齡龄圖图國国園园圍围壞坏塊块夠够夢梦奮奋婦妇媽妈學学寶宝審审將将層层幣币幫帮幹干廣广廳厅張张強强彈弹徑径復复徵征憂忧戲戏戶户掛挂採采",
        "揮挥損损搶抢擇择擊击擔担擴扩擬拟敗败斷断暫暂曆历條条構构樣样樹树機机檔档歲岁歷历殘残漢汉溝沟滿满溫温測测漸渐潔洁無无熱热牽牵獨独獲获環环畢毕異异療疗盡尽監监盤盘",
        "礎础禮礼種种稱称穩稳窮穷競竞筆笔築筑紛纷羅罗艱艰藝艺訊讯諸诸貢贡賣卖賠赔蹤踪遊游違违遞递邏逻鏈链閃闪陣阵隻只響响頂顶顏颜飲饮騙骗驅驱鬥斗麥麦憶忆戀恋戰战擁拥敘叙",
        "礙碍稅税緒绪緣缘縮缩織织繳缴罰罚聞闻聰聪腳脚訴诉診诊謂谓讚赞貸贷賬账軍军遲迟遺遗鎖锁鬱郁償偿傑杰僱雇兒儿冊册劇剧勞劳勢势區区協协卻却厲厉啟启嗎吗嘗尝囑嘱壯壮備备",
        "寧宁寬宽島岛廢废廠厂彙汇徹彻憑凭捨舍掃扫搖摇撥拨擾扰攔拦暢畅曉晓歎叹殺杀毀毁決决況况淨净淺浅滯滞漲涨潛潜濟济災灾煩烦燈灯爛烂猶犹獻献盜盗碼码禦御竊窃紹绍綠绿緩缓",
        "縣县繩绳罷罢聖圣膚肤蓋盖薦荐襯衬討讨託托詐诈誇夸誌志諒谅謊谎譜谱賓宾贊赞躍跃輛辆辯辩迴回鋪铺鏡镜鐵铁闆板頓顿顆颗飄飘餅饼駐驻騎骑髒脏鮮鲜鹽盐麵面誕诞嬰婴孫孙壽寿",
        "夾夹貓猫紐纽隸隶鄰邻獵猎韌韧彌弥頒颁蘊蕴寵宠懲惩懼惧慣惯慚惭慘惨憐怜憤愤慮虑憲宪懇恳慶庆廁厕廚厨廟庙豎竖賦赋賜赐賭赌賴赖賺赚贈赠贏赢趙赵軸轴輯辑轄辖鑑鉴鑰钥錦锦",
        "鍛锻鎮镇鏽锈閣阁閥阀闊阔闖闯闡阐陰阴雞鸡雛雏霧雾靂雳韓韩頌颂頸颈頗颇颱台餓饿餵喂騰腾驕骄驟骤鬍胡魯鲁鴨鸭鵝鹅黃黄龍龙龜龟",
    ].joined()

    /// Traditional scalar → simplified scalar.
    public static let simplified: [Unicode.Scalar: Unicode.Scalar] = {
        let scalars = Array(pairs.unicodeScalars)
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for index in stride(from: 0, to: scalars.count - 1, by: 2) { table[scalars[index]] = scalars[index + 1] }
        return table
    }()

    /// `simplified` for the Basic Multilingual Plane as a flat table (0: unchanged), which the
    /// tokenizer reads once per Han character: an array index, not a hashed lookup.
    static let simplifiedBMP: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 0x10000)
        for (traditional, simple) in simplified where traditional.value <= 0xFFFF && simple.value <= 0xFFFF {
            table[Int(traditional.value)] = UInt16(simple.value)
        }
        return table
    }()

    /// The simplified form of a BMP scalar, or the scalar.
    @inline(__always) static func simplify(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard scalar.value <= 0xFFFF else { return simplified[scalar] ?? scalar }
        let mapped = simplifiedBMP[Int(scalar.value)]
        return mapped == 0 ? scalar : Unicode.Scalar(UInt32(mapped))!
    }
}
